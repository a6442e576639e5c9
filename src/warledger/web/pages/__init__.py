"""The pages of the web app, one module each; each module's ``routes`` mounts it."""
