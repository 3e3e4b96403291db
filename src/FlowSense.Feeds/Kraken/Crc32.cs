namespace FlowSense.Feeds.Kraken;

/// <summary>
/// CRC-32 as ISO-HDLC / zlib / IEEE 802.3 define it (reflected polynomial 0xEDB88320, initial value and final XOR
/// 0xFFFFFFFF): the CRC32 Kraken's book checksum uses. Incremental: <see cref="Append"/> runs of bytes, then read
/// <see cref="Value"/>. (System.IO.Hashing has one, but it is not part of the shared framework.)
/// </summary>
internal struct Crc32
{
    private static readonly uint[] Table = BuildTable();

    private uint _state;

    public static Crc32 Start() => new() { _state = 0xFFFF_FFFFu };

    public void Append(ReadOnlySpan<byte> bytes)
    {
        uint crc = _state;
        foreach (byte b in bytes)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        _state = crc;
    }

    public readonly uint Value => _state ^ 0xFFFF_FFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB8_8320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
