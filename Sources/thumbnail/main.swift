print("thumbnail: not yet")
