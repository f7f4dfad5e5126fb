"""Reading input: bytes → text → Document (load), and text → sentences (segment)."""
