"""The workspace layer: files, safe writes and git, below everything else."""
