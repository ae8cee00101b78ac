"""The bundled programmes: weeks of the bundled routines that progress."""
