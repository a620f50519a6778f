"""TM: terminology and spelling."""
