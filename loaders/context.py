"""What the sentences of a document read so far tell the later ones: one object per document,
passed to the readers, so no reader keeps another's state."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class DocumentContext:
    """Earlier actors, the transfers, deployments and attacks reported so far, the goods spoken
    of last, and who was speaking: what "the deliveries", "das Land", "sagte er", "others were
    sent to" or "has promised 30" refer back to."""

    recent_states: list[str] = field(default_factory=list)     # states named, in order
    recent_officials: list[str] = field(default_factory=list)  # officials named, in order
    last_subject: str | None = None  # the state or body the last sentence opened with, as its subject
    last_person: str | None = None  # the official the last sentence opened with, as its subject ("er", "he")
    suppliers: Counter = field(default_factory=Counter)   # who the document says sends goods, how often
    recipients: Counter = field(default_factory=Counter)  # who receives them
    deployers: Counter = field(default_factory=Counter)   # who sends troops
    deploy_targets: Counter = field(default_factory=Counter)  # the states they are sent to
    attackers: Counter = field(default_factory=Counter)   # who attacks
    last_weapon: str | None = None   # the named system of the last transfer read
    last_transfer: tuple[str, str] | None = None  # (supplier, recipient) of the last transfer read
    supplied: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (supplier, recipient) -> named systems sent, in order
    pairs: Counter = field(default_factory=Counter)  # (supplier, recipient) of the transfers read, how often
    last_goods: dict[str, list[str]] = field(default_factory=dict)  # supplier -> the goods of its last transfer read
    last_goods_at: dict[str, int] = field(default_factory=dict)  # supplier -> the sentence (count) it was read in
    named_weapons: Counter = field(default_factory=Counter)  # named systems mentioned, how often
    last_speaker: str | None = None  # the speaker of the last sentence that named one ("sagte er")
    speakers: list[str | None] = field(default_factory=list)  # the speaker of each sentence read
    reporting: str | None = None  # whose indirect speech the last sentence gave or went on with
    reported: list[str | None] = field(default_factory=list)  # per sentence read: whose claims it reports

    @staticmethod
    def _top(counts: Counter) -> str | None:
        return counts.most_common(1)[0][0] if counts else None

    @property
    def usual_recipient(self) -> str | None:
        """The recipient the document reports most often so far."""
        return self._top(self.recipients)

    @property
    def last_supplier(self) -> str | None:
        """The supplier the document reports most often so far: what 'the deliveries' refers to."""
        return self._top(self.suppliers)

    @property
    def topic_weapon(self) -> str | None:
        """The goods the document is about: the last transfer's system, else the named system
        mentioned most ("19 jets", "has promised 30" in an article on F-16s)."""
        return self.last_weapon or self._top(self.named_weapons)

    def armed_by(self, supplier: str) -> str | None:
        """The recipient the document has this supplier arm most so far (None if none)."""
        return self._top(Counter({rec: n for (sup, rec), n in self.pairs.items() if sup == supplier}))

    def arming(self, recipient: str) -> str | None:
        """The supplier the document has arm this recipient most so far (None if none)."""
        return self._top(Counter({sup: n for (sup, rec), n in self.pairs.items() if rec == recipient}))

    def recipient_of(self, supplier: str) -> str | None:
        """The recipient the document has this supplier arm most so far, else its usual recipient."""
        return self.armed_by(supplier) or self.usual_recipient

    def sender_of(self, weapon: str) -> str | None:
        """The supplier the document has send this system most so far (None if none)."""
        return self._top(Counter({sup: len(ws) for (sup, _), ws in self.supplied.items() if weapon in ws}))

    def supplier_of(self, recipient: str) -> str | None:
        """The supplier the document has arm this recipient most so far, else its usual supplier."""
        return self.arming(recipient) or self.last_supplier

    @property
    def usual_deployer(self) -> str | None:
        return self._top(self.deployers)

    @property
    def usual_deploy_target(self) -> str | None:
        return self._top(self.deploy_targets)

    @property
    def usual_attacker(self) -> str | None:
        return self._top(self.attackers)
