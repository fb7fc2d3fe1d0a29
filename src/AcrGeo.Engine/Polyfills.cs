// netstandard2.0 lacks the marker type that init-only setters compile to. The net10.0 build keeps this copy too: an
// init setter's signature names the marker's assembly, and the cmdlets, compiled against the netstandard2.0 engine,
// must find the same signatures in the net10.0 engine that PowerShell 7.6 loads.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
