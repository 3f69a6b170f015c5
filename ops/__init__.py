"""Operations: setting up and running every process of the navigator."""
