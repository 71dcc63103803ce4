using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OciMirror.PowerShell.Loading
{
    /// <summary>
    /// Runs when PowerShell imports and removes the module (PSResourceGet's resolver pattern, DESIGN §3).
    /// Third-party assemblies (Newtonsoft.Json, YamlDotNet, SharpCompress and what its netstandard2.0 build
    /// needs: Microsoft.Bcl.AsyncInterfaces, System.Text.Encoding.CodePages, System.Memory…) ship in the
    /// module's <c>dependencies/</c> folder, which PowerShell does not probe; on an
    /// <see cref="AppDomain.AssemblyResolve"/> miss for one of them, requested by OciMirror's own assemblies or
    /// by one this resolver loaded from that folder, this loads it from there: into a private load context on
    /// PowerShell 7 (so another module's SharpCompress, loaded before or after, never meets ours), with
    /// <see cref="Assembly.LoadFrom(string)"/> on Windows PowerShell 5.1 (strong-named, so versions sit side by
    /// side). Requests from other modules are left alone. On PowerShell 7 Newtonsoft.Json 13.0.0.0 and
    /// Microsoft.Bcl.AsyncInterfaces (10.0) are already PowerShell's and the handler is never asked for them.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly HashSet<string> OwnAssemblies = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "OciMirror.PowerShell",
            "OciMirror.Core",
        };

        private static readonly object Gate = new object();
        private static string? _dependencyFolder;
        private static AssemblyLoadContextProxy? _loadContext;
        private static bool _contextCreated;

        /// <summary>Hooks the resolver and, on Windows PowerShell, enables TLS 1.2 without removing any protocol.</summary>
        public void OnImport()
        {
            _dependencyFolder = Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? string.Empty, "dependencies");
            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
            EnableTls12OnNetFramework();
        }

        /// <summary>Unhooks the resolver (Remove-Module).</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            string? folder = _dependencyFolder;
            if (folder == null || !IsOwnAssembly(args.RequestingAssembly))
            {
                return null;
            }

            string? name = new AssemblyName(args.Name).Name;
            string candidate = Path.Combine(folder, name + ".dll");
            if (string.IsNullOrEmpty(name) || !File.Exists(candidate))
            {
                return null;
            }

            AssemblyLoadContextProxy? context = GetLoadContext();
            return context != null ? context.LoadFromAssemblyPath(candidate) : Assembly.LoadFrom(candidate);
        }

        // .NET always names the requesting assembly; .NET Framework may not, and then the request could be
        // another module's, so it is not ours to answer.
        private static bool IsOwnAssembly(Assembly? requesting) =>
            requesting != null && (OwnAssemblies.Contains(requesting.GetName().Name ?? string.Empty) || IsFromDependencyFolder(requesting));

        private static bool IsFromDependencyFolder(Assembly assembly)
        {
            string? folder = _dependencyFolder;
            string location = assembly.IsDynamic ? string.Empty : assembly.Location;
            return folder != null && location.Length > 0
                && string.Equals(Path.GetDirectoryName(location), folder, StringComparison.OrdinalIgnoreCase);
        }

        private static AssemblyLoadContextProxy? GetLoadContext()
        {
            lock (Gate)
            {
                if (!_contextCreated)
                {
                    _loadContext = AssemblyLoadContextProxy.TryCreate("OciMirror.Dependencies");
                    _contextCreated = true;
                }

                return _loadContext;
            }
        }

        // Windows PowerShell 5.1 hosts may still default to TLS 1.0 (powershell-conventions.md A2). The
        // setting is process-wide and Azure Automation sandboxes are shared, so only add TLS 1.2 and only
        // when the process does not defer to the OS (SystemDefault = 0).
        private static void EnableTls12OnNetFramework()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                return;
            }

            SecurityProtocolType current = ServicePointManager.SecurityProtocol;
            if (current != 0 && (current & SecurityProtocolType.Tls12) == 0)
            {
                ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
            }
        }
    }
}
