"""Build scripts for the lecture material: offline slide decks (``make slides``) and a static
site of the course (``make html``). Run them from the repository root, e.g.
``python -m tools.build_slides``; nothing here is imported by the notebooks.
"""
