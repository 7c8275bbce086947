"""Hand-written closed-class words, auxiliaries, irregular verbs and punctuation tags.

WordNet covers nouns, verbs, adjectives and adverbs only, and for the most frequent words
its senses are noise for a parser (``a`` is a noun there: the letter, the vitamin; ``in``
is the inch; ``he`` is helium).  So for every word listed here the list is the *whole*
answer: open-class uses that matter (``back`` as a noun, ``like`` as a verb) are written
out by hand, and WordNet is not consulted.  ``EXTRA`` is the other kind of list: tags
*added* to WordNet's for a few open-class words it describes incompletely.

The tag inventory is the Penn Treebank's (Marcus, Santorini & Marcinkiewicz 1993,
"Building a large annotated corpus of English: the Penn Treebank").
"""

from __future__ import annotations

__all__ = ["CLOSED", "EXTRA", "IRREGULAR_VERBS", "PUNCTUATION", "wordset"]


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string, for readable lists."""
    return frozenset(text.split())


# One line per word: the word, then its tags.  Order inside a line is irrelevant.
_CLOSED_SPEC = """
the DT
a DT
an DT
this DT
that DT WDT IN RB
these DT
those DT
some DT RB
any DT RB
no DT RB UH
every DT
each DT
either DT CC RB
neither DT CC
another DT
all DT PDT RB
both DT PDT CC
half PDT DT NN JJ RB
such JJ PDT
quite RB PDT
rather RB
which WDT
what WP WDT
whatever WDT WP
whichever WDT
who WP
whom WP
whoever WP
whose WP$
when WRB
where WRB
why WRB
how WRB
whenever WRB
wherever WRB
however RB WRB
i PRP
me PRP
you PRP
he PRP
him PRP
she PRP
her PRP PRP$
it PRP
we PRP
us PRP
they PRP
them PRP
myself PRP
yourself PRP
himself PRP
herself PRP
itself PRP
ourselves PRP
yourselves PRP
themselves PRP
oneself PRP
everything NN
anything NN
something NN
nothing NN
everyone NN
anyone NN
someone NN
no-one NN
nobody NN
everybody NN
somebody NN
anybody NN
mine PRP NN
yours PRP
hers PRP
ours PRP
theirs PRP
my PRP$
your PRP$
his PRP$ PRP
its PRP$
our PRP$
their PRP$
there EX RB
and CC
or CC
nor CC
but CC IN RB
yet RB CC
plus CC IN JJ NN
minus CC IN JJ
& CC
'n' CC
to TO IN
of IN
in IN RP RB
on IN RP RB
at IN
by IN RB RP
for IN
from IN
with IN
into IN
onto IN
upon IN
about IN RB RP
above IN JJ RB
across IN RB RP
after IN RB
against IN
along IN RB RP
amid IN
among IN
amongst IN
around IN RB RP
as IN RB
atop IN
because IN RB
before IN RB
behind IN RB
below IN RB
beneath IN
beside IN
besides IN RB
between IN
beyond IN
despite IN
down IN RB RP JJ
during IN
except IN
inside IN RB JJ NN
like IN VB VBP JJ
near IN JJ RB
off IN RB RP JJ
out IN RB RP
outside IN JJ RB NN
over IN RB RP JJ
past IN JJ NN RB
per IN
since IN RB
than IN
though IN RB
although IN
through IN RB RP JJ
throughout IN RB
till IN
toward IN
towards IN
under IN RB RP JJ
underneath IN
unless IN
unlike IN JJ
until IN
up IN RB RP JJ
versus IN CC
via IN
vs. IN CC
whether IN CC
while IN NN
whereas IN
within IN RB
without IN
once RB IN
so RB IN CC
if IN
lest IN
can MD NN VB VBP
could MD
may MD
might MD NN
must MD NN
shall MD
should MD
will MD NN VB VBP
would MD
ought MD
wo MD
ca MD
need MD VB VBP NN
dare MD VB VBP
'll MD
'd MD VBD
be VB
am VBP
are VBP
is VBZ
was VBD
were VBD
been VBN
being VBG NN
'm VBP
're VBP
's VBZ POS PRP
have VB VBP
has VBZ
had VBD VBN
having VBG
've VB VBP
do VB VBP
does VBZ
did VBD
done VBN JJ
doing VBG
not RB
n't RB
never RB
also RB
very RB JJ
too RB
just RB JJ
only RB JJ
even RB JJ VB
still RB JJ
already RB
always RB
often RB
ever RB
again RB
almost RB
soon RB
perhaps RB
maybe RB
indeed RB
therefore RB
thus RB
hence RB
instead RB
else RB JJ
ago RB IN
here RB
then RB
now RB
well RB UH JJ NN
more JJR RBR
most JJS RBS
less JJR RBR
least JJS RBS
much JJ RB
many JJ
few JJ
several JJ
own JJ VB VBP
other JJ
same JJ
enough RB JJ
next JJ IN RB
worth IN JJ NN
away RB RP JJ
together RB RP
back RB RP NN JJ VB VBP
prior JJ RB
v. IN CC
etc. FW
et FW CC
al. FW NN
yes UH RB
oh UH
ah UH
ok UH JJ
okay UH JJ
please UH VB VBP
one CD PRP NN
zero CD
two CD
three CD
four CD
five CD
six CD
seven CD
eight CD
nine CD
ten CD
eleven CD
twelve CD
thirteen CD
fourteen CD
fifteen CD
sixteen CD
seventeen CD
eighteen CD
nineteen CD
twenty CD
thirty CD
forty CD
fifty CD
sixty CD
seventy CD
eighty CD
ninety CD
hundred CD
thousand CD
million CD
billion CD
trillion CD
dozen CD NN
"""

CLOSED: dict[str, frozenset[str]] = {
    fields[0]: frozenset(fields[1:])
    for fields in (line.split() for line in _CLOSED_SPEC.strip().splitlines())
}

# Tags that WordNet lacks for some open-class words, *added* to what it lists: nouns whose
# plural is the singular or that are plural only (WordNet lists ``people`` as a lemma),
# and name particles that are lowercase inside proper names (``Banco de Bilbao``).
_EXTRA_SPEC = """
people NNS
police NNS
cattle NNS
personnel NNS
staff NNS
yen NNS
pence NNS NN
aircraft NNS
sheep NNS
deer NNS
fish NNS
offspring NNS
series NNS
species NNS
means NNS
headquarters NNS
messrs. NNPS
de IN NNP FW
van NNP
von NNP
der NNP
du NNP
"""

EXTRA: dict[str, frozenset[str]] = {
    fields[0]: frozenset(fields[1:])
    for fields in (line.split() for line in _EXTRA_SPEC.strip().splitlines())
}

# Punctuation and symbol tokens, in the tokenizer's output forms and the Treebank's own
# escaped forms (-LRB- and friends), so that both text and treebank tokens look up.
PUNCTUATION: dict[str, frozenset[str]] = {
    token: frozenset({tag})
    for tag, tokens in (
        (",", ", ，"),
        (".", ". ! ? 。"),
        (":", ": ; -- - ... …"),
        ("``", "`` ` “ ‘"),
        ("''", "'' ” ’"),
        ("-LRB-", "( [ { -LRB- -LSB- -LCB-"),
        ("-RRB-", ") ] } -RRB- -RSB- -RCB-"),
        ("$", "$ US$ C$ A$ HK$ £ € ¥"),
        ("#", "#"),
        ("NN", "%"),
        ("SYM", "* + = < > @ ~ | ^ \\ /"),
    )
    for token in tokens.split()
}
PUNCTUATION["'"] = frozenset({"''", "POS"})
PUNCTUATION["&"] = frozenset({"CC"})

# Irregular verbs: lemma, past tense, past participle.  WordNet's verb.exc lists these
# forms but cannot say which is which; this list tells ``took`` (VBD) from ``taken``
# (VBN) for the verbs common in news text.  Forms missing here keep WordNet's VBD+VBN.
_IRREGULAR_SPEC = """
arise arose arisen
awake awoke awoken
bear bore borne
beat beat beaten
become became become
begin began begun
bend bent bent
bet bet bet
bid bid bid
bind bound bound
bite bit bitten
bleed bled bled
blow blew blown
break broke broken
breed bred bred
bring brought brought
broadcast broadcast broadcast
build built built
burst burst burst
buy bought bought
cast cast cast
catch caught caught
choose chose chosen
cling clung clung
come came come
cost cost cost
creep crept crept
cut cut cut
deal dealt dealt
dig dug dug
draw drew drawn
drink drank drunk
drive drove driven
eat ate eaten
fall fell fallen
feed fed fed
feel felt felt
fight fought fought
find found found
flee fled fled
fling flung flung
fly flew flown
forbid forbade forbidden
forecast forecast forecast
foresee foresaw foreseen
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
get got got|gotten
give gave given
go went gone
grind ground ground
grow grew grown
hang hung hung
hear heard heard
hide hid hidden
hit hit hit
hold held held
hurt hurt hurt
keep kept kept
kneel knelt knelt
know knew known
lay laid laid
lead led led
leave left left
lend lent lent
let let let
lie lay lain
light lit lit
lose lost lost
make made made
mean meant meant
meet met met
mislead misled misled
overcome overcame overcome
offset offset offset
overtake overtook overtaken
pay paid paid
put put put
quit quit quit
read read read
rebuild rebuilt rebuilt
rid rid rid
ride rode ridden
ring rang rung
rise rose risen
run ran run
say said said
see saw seen
seek sought sought
sell sold sold
send sent sent
set set set
shake shook shaken
shed shed shed
shine shone shone
shoot shot shot
show showed shown
shrink shrank shrunk
shut shut shut
sing sang sung
sink sank sunk
sit sat sat
sleep slept slept
slide slid slid
speak spoke spoken
speed sped sped
spend spent spent
spin spun spun
split split split
spread spread spread
spring sprang sprung
stand stood stood
steal stole stolen
stick stuck stuck
sting stung stung
strike struck struck
strive strove striven
swear swore sworn
sweep swept swept
swim swam swum
swing swung swung
take took taken
teach taught taught
tear tore torn
tell told told
think thought thought
throw threw thrown
understand understood understood
undertake undertook undertaken
undo undid undone
upset upset upset
wake woke woken
wear wore worn
weave wove woven
win won won
wind wound wound
withdraw withdrew withdrawn
withhold withheld withheld
write wrote written
"""


def _irregular() -> dict[str, frozenset[str]]:
    """Form -> {VBD} / {VBN} / {VBD, VBN} from the lemma/past/participle lines."""
    table: dict[str, set[str]] = {}
    for line in _IRREGULAR_SPEC.strip().splitlines():
        _lemma, past, participles = line.split()
        table.setdefault(past, set()).add("VBD")
        for participle in participles.split("|"):
            table.setdefault(participle, set()).add("VBN")
    return {form: frozenset(tags) for form, tags in table.items()}


IRREGULAR_VERBS: dict[str, frozenset[str]] = _irregular()
