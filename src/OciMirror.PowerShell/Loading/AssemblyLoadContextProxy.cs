using System;
using System.Reflection;

namespace OciMirror.PowerShell.Loading
{
    /// <summary>
    /// A private <c>System.Runtime.Loader.AssemblyLoadContext</c> created through reflection, because the
    /// type is not part of netstandard2.0. Exists only on .NET (PowerShell 7); <see cref="TryCreate"/>
    /// returns null on .NET Framework (Windows PowerShell 5.1).
    /// </summary>
    internal sealed class AssemblyLoadContextProxy
    {
        private readonly object _context;
        private readonly MethodInfo _loadFromAssemblyPath;

        private AssemblyLoadContextProxy(object context, MethodInfo loadFromAssemblyPath)
        {
            _context = context;
            _loadFromAssemblyPath = loadFromAssemblyPath;
        }

        /// <summary>A new non-collectible context named <paramref name="name"/>, or null when the runtime has no load contexts.</summary>
        public static AssemblyLoadContextProxy? TryCreate(string name)
        {
            Type? type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            ConstructorInfo? constructor = type?.GetConstructor(new[] { typeof(string), typeof(bool) });
            MethodInfo? load = type?.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            if (constructor == null || load == null)
            {
                return null;
            }

            return new AssemblyLoadContextProxy(constructor.Invoke(new object[] { name, false }), load);
        }

        /// <summary>Loads the assembly at <paramref name="path"/> into the private context.</summary>
        public Assembly LoadFromAssemblyPath(string path) => (Assembly)_loadFromAssemblyPath.Invoke(_context, new object[] { path });
    }
}
