"""papertui: a keyboard-driven terminal reader for Hugging Face Daily Papers."""

__version__ = "0.1.0"
