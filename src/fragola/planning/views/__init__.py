"""Planning pages: runs and their progress, the plan board, moves, publishing, repairs, feeds."""
