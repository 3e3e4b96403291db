namespace FlowSense.Management.Contract;

/// <summary>The body of every 4xx answer: a short code and a sentence saying what to do.</summary>
/// <param name="Error">unauthorized, unknown-symbol, unknown-connector, conflict, bad-request.</param>
/// <param name="Message">What went wrong and what to do about it.</param>
public sealed record ManagementError(string Error, string Message);
