"""The byte-level vocabulary: id b is byte b, 256 is <|endoftext|>; token strings are GPT-2's printable alphabet."""

VOCAB_SIZE = 257
END_OF_TEXT = 256
END_OF_TEXT_TOKEN = "<|endoftext|>"


def bytes_to_unicode():
    """GPT-2's table from each byte to a printable character (the byte-level vocabulary's alphabet)."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    n = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + n)
            n += 1
    return dict(zip(printable, (chr(c) for c in chars)))


def vocabulary():
    """Id b is byte b (so a text's ids are its UTF-8 bytes); 256 is <|endoftext|>."""
    table = bytes_to_unicode()
    vocab = {table[b]: b for b in range(256)}
    vocab[END_OF_TEXT_TOKEN] = END_OF_TEXT
    return vocab
