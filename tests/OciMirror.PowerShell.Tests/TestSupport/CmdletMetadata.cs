using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using OciMirror.PowerShell.Common;

namespace OciMirror.PowerShell.Tests.TestSupport
{
    /// <summary>
    /// Reads cmdlet attributes from metadata (<see cref="CustomAttributeData"/>): the PowerShellStandard stub
    /// attributes do not keep their property values when instantiated, so GetCustomAttributes cannot be used.
    /// </summary>
    internal static class CmdletMetadata
    {
        public static readonly string[] CommonParameters =
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
            "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm", "UseTransaction",
        };

        public static IEnumerable<Type> CmdletTypes() =>
            typeof(OciAsyncCmdlet).Assembly.GetTypes().Where(t => Attribute(t, typeof(CmdletAttribute)) != null).OrderBy(t => t.Name);

        public static string CmdletName(Type type)
        {
            CustomAttributeData cmdlet = Attribute(type, typeof(CmdletAttribute))!;
            return cmdlet.ConstructorArguments[0].Value + "-" + cmdlet.ConstructorArguments[1].Value;
        }

        public static IEnumerable<PropertyInfo> Parameters(Type type) =>
            type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => Attribute(p, typeof(ParameterAttribute)) != null);

        public static CustomAttributeData? Attribute(MemberInfo member, Type attributeType) =>
            member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == attributeType);

        public static bool Has(MemberInfo member, Type attributeType) => Attribute(member, attributeType) != null;

        public static object? Named(CustomAttributeData? data, string name) =>
            data?.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault();

        public static bool Flag(CustomAttributeData? data, string name) => Named(data, name) is bool b && b;

        /// <summary>The parameter's [Parameter] named value, for example Mandatory or Position.</summary>
        public static object? Parameter(PropertyInfo property, string name) => Named(Attribute(property, typeof(ParameterAttribute)), name);

        public static string[] Aliases(MemberInfo member)
        {
            CustomAttributeData? alias = Attribute(member, typeof(AliasAttribute));
            if (alias == null)
            {
                return Array.Empty<string>();
            }

            var values = (ReadOnlyCollection<CustomAttributeTypedArgument>)alias.ConstructorArguments[0].Value!;
            return values.Select(v => (string)v.Value!).ToArray();
        }

        public static Type[] OutputTypes(Type cmdlet)
        {
            CustomAttributeData? output = Attribute(cmdlet, typeof(OutputTypeAttribute));
            if (output == null)
            {
                return Array.Empty<Type>();
            }

            var values = (ReadOnlyCollection<CustomAttributeTypedArgument>)output.ConstructorArguments[0].Value!;
            return values.Select(v => (Type)v.Value!).ToArray();
        }

        public static HashSet<string> ApprovedVerbs() => new HashSet<string>(
            new[] { typeof(VerbsCommon), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsCommunications), typeof(VerbsSecurity), typeof(VerbsOther) }
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Select(f => (string)f.GetValue(null)!),
            StringComparer.Ordinal);
    }
}
