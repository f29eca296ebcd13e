"""One exception root with named, coded subclasses.

Messages start with a code (``[E012]``) so users can search for them and tests can
match them without depending on wording.
"""

from __future__ import annotations


class SyndicateError(Exception):
    """Root of every error Syndicate raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.reason = message


class DictionaryError(SyndicateError):
    """The actor dictionary or an overlay file is invalid."""

    code = "E010"


class VocabularyError(SyndicateError):
    """An unknown relation, modality, polarity or actor kind."""

    code = "E012"


class ReadError(SyndicateError):
    """A document could not be read (missing, binary, undecodable, malformed)."""

    code = "E020"


class EmptyDocumentError(ReadError):
    """A document has no text left after cleaning."""

    code = "E021"


class StoreError(SyndicateError):
    """The database cannot be opened, migrated or written."""

    code = "E030"


class UnknownActorError(SyndicateError):
    """An actor id or name that the dictionary does not know."""

    code = "E040"


class SettingsError(SyndicateError):
    """A settings file or value is invalid."""

    code = "E050"


class ExportError(SyndicateError):
    """An export cannot be written (unknown format, a directory format sent to a stream)."""

    code = "E060"


class TriggerError(SyndicateError):
    """A trigger in triggers.yaml is malformed (unknown shape or relation, bad pattern, ...)."""

    code = "E014"


class StageError(SyndicateError):
    """An unknown pipeline stage, or one registered twice."""

    code = "E013"
