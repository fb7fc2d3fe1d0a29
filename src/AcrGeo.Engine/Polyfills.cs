// netstandard2.0 lacks the marker type that init-only setters compile to.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
