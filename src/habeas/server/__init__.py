"""The Django project: settings, URL routes and the WSGI entry point."""
