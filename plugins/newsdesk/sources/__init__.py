"""Reading what contributors write into the model: the registry, slots, story files and their bodies, git history.

Every file becomes model values or `Problem`s with a line; nothing here renders or imports MkDocs.
"""
