namespace FlowSense.Feeds.Capture;

/// <summary>What one line of a recorded capture holds.</summary>
public enum CaptureLineKind : byte
{
    /// <summary>A message received on the websocket: <c>&lt;ts&gt;: &lt;json&gt;</c>, <c>&lt;ns&gt; &lt;json&gt;</c> or a bare message.</summary>
    Received = 1,
    /// <summary>A frame we sent (a subscription): <c>&lt;url&gt; &lt;- &lt;ts&gt;: &lt;json&gt;</c>.</summary>
    Sent = 2,
    /// <summary>A connection was opened: <c>&lt;url&gt; &lt;-&gt; &lt;ts&gt;</c>; no payload.</summary>
    Connected = 3,
    /// <summary>A REST response (a book snapshot, exchange info): <c>&lt;url&gt; -&gt; &lt;ts&gt;: &lt;json&gt;</c>.</summary>
    RestResponse = 4,
    /// <summary>The recorder's own feed configuration (<c>configuration: &lt;json&gt;</c>), written once per capture; no timestamp.</summary>
    Configuration = 5,
}
