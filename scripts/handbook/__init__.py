"""The toolchain that builds the NGO handbook: site, translations, PDFs."""

__version__ = "0.1.0"
