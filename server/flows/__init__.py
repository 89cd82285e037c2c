"""The flow engine: validating a service's steps against its definition (see ``engine``)."""
