using System.Text;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.Pipeline.Snapshots;

/// <summary>Short UTF-8 strings (ids) inside checkpoint sections: an <c>i32</c> byte length, then the bytes.</summary>
internal static class CheckpointText
{
    public static void Write(ref CheckpointWriter writer, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        writer.WriteInt32(bytes.Length);
        foreach (byte b in bytes)
            writer.WriteByte(b);
    }

    public static string Read(ref CheckpointReader reader, int maxBytes, string what)
    {
        var bytes = new byte[reader.ReadCount(maxBytes, what)];
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = reader.ReadByte();
        return Encoding.UTF8.GetString(bytes);
    }
}
