"""Widgets of the capture and detail pages: tiles, photo strip, catalogue form, officers, location."""
