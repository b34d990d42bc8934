"""The map: basemap tiles, case markers, the tablet's position; the home screen's map and the location picker."""
