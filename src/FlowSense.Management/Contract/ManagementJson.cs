using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowSense.Management.Contract;

/// <summary>
/// System.Text.Json source generation for every contract type: no reflection at run time, and the endpoint and the
/// client serialize with the same options (camelCase, nulls written, enums as text).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false, UseStringEnumConverter = true)]
[JsonSerializable(typeof(NodeInfo))]
[JsonSerializable(typeof(ActorHierarchy))]
[JsonSerializable(typeof(SymbolList))]
[JsonSerializable(typeof(SymbolBook))]
[JsonSerializable(typeof(SymbolFeatures))]
[JsonSerializable(typeof(SymbolBars))]
[JsonSerializable(typeof(SymbolCounters))]
[JsonSerializable(typeof(ConnectorList))]
[JsonSerializable(typeof(ConnectorRestart))]
[JsonSerializable(typeof(ManagementError))]
public sealed partial class ManagementJson : JsonSerializerContext;
