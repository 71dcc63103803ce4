namespace System.Runtime.CompilerServices
{
    /// <summary>Polyfill that lets netstandard2.0 code use <c>init</c> accessors.</summary>
    internal static class IsExternalInit
    {
    }
}
