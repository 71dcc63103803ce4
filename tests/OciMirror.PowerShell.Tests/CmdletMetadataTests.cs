using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;
using static OciMirror.PowerShell.Tests.TestSupport.CmdletMetadata;

namespace OciMirror.PowerShell.Tests
{
    /// <summary>Checks every cmdlet's attributes against the conventions, OciMirror.psd1 and docs/en-US.</summary>
    public class CmdletMetadataTests
    {
        private static readonly string[] ReadOnlyVerbs = { VerbsCommon.Get, VerbsDiagnostic.Test };

        // Test-* cmdlets return a Boolean (guideline AD05); every other output type is a module class.
        private static readonly Type[] PrimitiveOutputs = { typeof(bool) };

        public static TheoryData<Type> Cmdlets()
        {
            var data = new TheoryData<Type>();
            foreach (Type t in CmdletTypes())
            {
                data.Add(t);
            }

            return data;
        }

        [Fact]
        public void The_module_has_its_cmdlets()
        {
            Assert.Equal(new[] { "Copy-OciArtifact", "Export-OciArtifact", "Get-OciBundle", "Get-OciTag", "Import-OciArtifact", "New-OciIndex", "Publish-OciArtifact", "Save-OciArtifact", "Sync-OciRegistry", "Test-OciBundle" }, CmdletTypes().Select(CmdletName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Cmdlet_follows_the_naming_and_declaration_rules(Type type)
        {
            CustomAttributeData cmdlet = Attribute(type, typeof(CmdletAttribute))!;
            string verb = (string)cmdlet.ConstructorArguments[0].Value!;
            string noun = (string)cmdlet.ConstructorArguments[1].Value!;

            Assert.Contains(verb, ApprovedVerbs());
            Assert.StartsWith("Oci", noun, StringComparison.Ordinal);
            Assert.Equal(verb + noun + "Command", type.Name);
            Assert.True(type.IsSealed && type.IsPublic);
            Assert.Equal("OciMirror.PowerShell.Commands", type.Namespace);
            Assert.True(typeof(OciAsyncCmdlet).IsAssignableFrom(type));
            Assert.NotEmpty(OutputTypes(type));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Cmdlets_that_write_support_ShouldProcess_at_medium_impact(Type type)
        {
            CustomAttributeData cmdlet = Attribute(type, typeof(CmdletAttribute))!;
            string verb = (string)cmdlet.ConstructorArguments[0].Value!;
            if (ReadOnlyVerbs.Contains(verb))
            {
                return;
            }

            Assert.True(Flag(cmdlet, nameof(CmdletAttribute.SupportsShouldProcess)), type.Name + " must support ShouldProcess");
            Assert.Equal((int)ConfirmImpact.Medium, Convert.ToInt32(Named(cmdlet, nameof(CmdletAttribute.ConfirmImpact)), System.Globalization.CultureInfo.InvariantCulture));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void No_parameter_redefines_a_common_parameter_and_at_most_one_binds_by_value(Type type)
        {
            Assert.DoesNotContain(Parameters(type), p => CommonParameters.Contains(p.Name, StringComparer.OrdinalIgnoreCase));
            Assert.DoesNotContain(Parameters(type).SelectMany(p => Aliases(p)), a => CommonParameters.Contains(a, StringComparer.OrdinalIgnoreCase));
            Assert.True(Parameters(type).Count(p => Parameter(p, "ValueFromPipeline") is true) <= 1);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Output_types_are_small_serializable_module_classes(Type type)
        {
            var allowed = new[] { typeof(string), typeof(string[]), typeof(int), typeof(long), typeof(bool) };
            foreach (Type output in OutputTypes(type).Except(PrimitiveOutputs))
            {
                Assert.Equal("OciMirror.PowerShell", output.Namespace);
                Assert.True(output.IsPublic && output.IsSealed);
                Assert.NotNull(output.GetConstructor(Type.EmptyTypes));
                Assert.All(output.GetProperties(), p => Assert.Contains(p.PropertyType, allowed));
            }
        }

        [Fact]
        public void Export_Path_is_mandatory_and_cannot_bind_from_the_pipeline()
        {
            PropertyInfo path = typeof(ExportOciArtifactCommand).GetProperty(nameof(ExportOciArtifactCommand.Path))!;

            Assert.True(Parameter(path, "Mandatory") is true);
            Assert.False(Parameter(path, "ValueFromPipeline") is true);
            Assert.False(Parameter(path, "ValueFromPipelineByPropertyName") is true);
            Assert.DoesNotContain(Aliases(path), a => a.Equals("PSPath", StringComparison.OrdinalIgnoreCase) || a.Equals("LiteralPath", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Copy_Destination_cannot_bind_from_the_pipeline_and_Reference_binds_lines_and_objects()
        {
            foreach (string name in new[] { nameof(CopyOciArtifactCommand.Destination), nameof(CopyOciArtifactCommand.DestinationReference) })
            {
                PropertyInfo destination = typeof(CopyOciArtifactCommand).GetProperty(name)!;
                Assert.False(Parameter(destination, "ValueFromPipeline") is true);
                Assert.False(Parameter(destination, "ValueFromPipelineByPropertyName") is true);
            }

            PropertyInfo reference = typeof(CopyOciArtifactCommand).GetProperty(nameof(CopyOciArtifactCommand.Reference))!;
            Assert.True(Parameter(reference, "ValueFromPipeline") is true);
            Assert.True(Parameter(reference, "ValueFromPipelineByPropertyName") is true);
            Assert.True(Has(reference, typeof(AllowEmptyStringAttribute)));
        }

        [Fact]
        public void Export_Reference_binds_lines_and_objects_and_accepts_blank_lines()
        {
            PropertyInfo reference = typeof(ExportOciArtifactCommand).GetProperty(nameof(ExportOciArtifactCommand.Reference))!;

            Assert.True(Parameter(reference, "Mandatory") is true);
            Assert.Equal(0, Parameter(reference, "Position"));
            Assert.True(Parameter(reference, "ValueFromPipeline") is true);
            Assert.True(Parameter(reference, "ValueFromPipelineByPropertyName") is true);
            Assert.True(Has(reference, typeof(AllowEmptyStringAttribute)));
            Assert.True(Has(reference, typeof(AllowNullAttribute)));
            Assert.Equal(typeof(string[]), reference.PropertyType);
            Assert.Contains(nameof(OciTagInfo.Reference), typeof(OciTagInfo).GetProperties().Select(p => p.Name));
        }

        [Fact]
        public void Import_Path_binds_PSPath_of_piped_items()
        {
            PropertyInfo path = typeof(ImportOciArtifactCommand).GetProperty(nameof(ImportOciArtifactCommand.Path))!;

            Assert.True(Parameter(path, "ValueFromPipelineByPropertyName") is true);
            Assert.Contains("PSPath", Aliases(path));
            Assert.Contains("LiteralPath", Aliases(path));
        }

        [Theory]
        [InlineData(typeof(GetOciBundleCommand))]
        [InlineData(typeof(TestOciBundleCommand))]
        public void Bundle_readers_take_literal_paths_from_strings_and_objects(Type type)
        {
            PropertyInfo path = type.GetProperty("Path")!;

            Assert.Equal(typeof(string[]), path.PropertyType);
            Assert.True(Parameter(path, "Mandatory") is true);
            Assert.Equal(0, Parameter(path, "Position"));
            Assert.True(Parameter(path, "ValueFromPipeline") is true);
            Assert.True(Parameter(path, "ValueFromPipelineByPropertyName") is true);
            Assert.Equal(new[] { "LiteralPath", "PSPath" }, Aliases(path));
            Assert.False(Has(path, typeof(SupportsWildcardsAttribute)));
        }

        [Fact]
        public void Get_OciBundle_objects_bind_Path_and_Reference_of_Import_OciArtifact()
        {
            string[] properties = typeof(OciBundleArtifactInfo).GetProperties().Select(p => p.Name).ToArray();
            PropertyInfo path = typeof(ImportOciArtifactCommand).GetProperty(nameof(ImportOciArtifactCommand.Path))!;
            PropertyInfo reference = typeof(ImportOciArtifactCommand).GetProperty(nameof(ImportOciArtifactCommand.Reference))!;

            Assert.Contains("Path", properties);
            Assert.Contains("Reference", properties);
            Assert.True(Parameter(path, "ValueFromPipelineByPropertyName") is true);
            Assert.True(Parameter(reference, "ValueFromPipelineByPropertyName") is true);
            Assert.False(Parameter(reference, "ValueFromPipeline") is true);
            Assert.Contains("Path", typeof(OciBundleCheck).GetProperties().Select(p => p.Name));
            Assert.Contains("Reference", typeof(OciBundleCheck).GetProperties().Select(p => p.Name));
        }

        [Fact]
        public void Test_OciBundle_returns_a_Boolean_and_the_report_types()
        {
            Assert.Equal(new[] { typeof(bool), typeof(OciBundleCheck), typeof(OciBundleBlobProblem) }, OutputTypes(typeof(TestOciBundleCommand)));
            Assert.Equal(typeof(SwitchParameter), typeof(TestOciBundleCommand).GetProperty("Detailed")!.PropertyType);
        }

        [Fact]
        public void Export_Format_is_a_validated_set_and_not_mandatory()
        {
            PropertyInfo format = typeof(ExportOciArtifactCommand).GetProperty(nameof(ExportOciArtifactCommand.Format))!;
            CustomAttributeData set = Attribute(format, typeof(ValidateSetAttribute))!;

            Assert.False(Parameter(format, "Mandatory") is true);
            var values = (System.Collections.ObjectModel.ReadOnlyCollection<CustomAttributeTypedArgument>)set.ConstructorArguments[0].Value!;
            Assert.Equal(new[] { "Directory", "Tar", "TarGzip", "TarZstd" }, values.Select(v => (string)v.Value!));
            var writable = Enum.GetValues(typeof(OciMirror.Core.Archive.ArchiveFormat)).Cast<OciMirror.Core.Archive.ArchiveFormat>()
                .Where(f => f == OciMirror.Core.Archive.ArchiveFormat.Directory || OciMirror.Core.Archive.ArchiveFormatDetection.IsWritableArchive(f));
            Assert.Equal(writable.Select(f => f.ToString()).OrderBy(n => n), values.Select(v => (string)v.Value!).OrderBy(n => n));
        }

        [Fact]
        public void ThrottleLimit_is_validated_between_1_and_64()
        {
            foreach (Type type in new[] { typeof(ExportOciArtifactCommand), typeof(ImportOciArtifactCommand) })
            {
                CustomAttributeData range = Attribute(type.GetProperty("ThrottleLimit")!, typeof(ValidateRangeAttribute))!;
                Assert.Equal(new object[] { 1, 64 }, range.ConstructorArguments.Select(a => a.Value));
            }
        }

        [Fact]
        public void Credential_is_a_PSCredential_with_the_Credential_attribute()
        {
            PropertyInfo credential = typeof(OciRegistryCmdlet).GetProperty(nameof(OciRegistryCmdlet.Credential))!;
            Assert.Equal(typeof(PSCredential), credential.PropertyType);
            Assert.True(Has(credential, typeof(CredentialAttribute)));
        }

        [Fact]
        public void The_manifest_exports_exactly_the_cmdlets_and_nothing_else()
        {
            string psd1 = File.ReadAllText(RepositoryRoot.Combine("OciMirror.psd1"));

            Assert.Equal(CmdletTypes().Select(CmdletName).OrderBy(n => n, StringComparer.Ordinal), Psd1List(psd1, "CmdletsToExport").OrderBy(n => n, StringComparer.Ordinal));
            foreach (string key in new[] { "FunctionsToExport", "AliasesToExport", "VariablesToExport" })
            {
                Assert.Matches(new Regex(@"(?m)^\s*" + key + @"\s*=\s*@\(\)\s*$"), psd1);
            }
        }

        [Fact]
        public void The_manifest_matches_the_build()
        {
            string psd1 = File.ReadAllText(RepositoryRoot.Combine("OciMirror.psd1"));
            string props = XDocument.Load(RepositoryRoot.Combine("Directory.Build.props")).Descendants("ModuleVersion").Single().Value;

            Assert.Equal(props, Psd1Value(psd1, "ModuleVersion"));
            Assert.Equal(typeof(OciAsyncCmdlet).Assembly.GetName().Name + ".dll", Psd1Value(psd1, "RootModule"));
            Assert.Equal("5.1", Psd1Value(psd1, "PowerShellVersion"));
            Assert.Equal("4.7.2", Psd1Value(psd1, "DotNetFrameworkVersion"));
            Assert.True(Guid.TryParse(Psd1Value(psd1, "GUID"), out _));
            Assert.Equal(new[] { "Desktop", "Core" }, Psd1List(psd1, "CompatiblePSEditions"));
            Assert.Equal(new[] { "OciMirror.Format.ps1xml" }, Psd1List(psd1, "FormatsToProcess"));
            Assert.Superset(new HashSet<string> { "PSEdition_Desktop", "PSEdition_Core", "Windows", "Linux" }, new HashSet<string>(Psd1List(psd1, "Tags")));
        }

        [Fact]
        public void The_format_file_has_a_table_view_for_every_output_type()
        {
            XDocument format = XDocument.Load(RepositoryRoot.Combine("src", "OciMirror.PowerShell", "OciMirror.Format.ps1xml"));
            var viewed = format.Descendants("View")
                .Where(v => v.Element("TableControl") != null)
                .SelectMany(v => v.Descendants("TypeName").Select(t => t.Value.Trim()))
                .ToHashSet();

            foreach (Type output in CmdletTypes().SelectMany(OutputTypes).Except(PrimitiveOutputs))
            {
                Assert.Contains(output.FullName!, viewed);
            }
        }

        [Fact]
        public void The_module_assembly_does_not_reference_third_party_assemblies_directly()
        {
            // Only Core may use Newtonsoft.Json & co.: a dependency type in the cmdlet assembly would have to
            // load before the dependency resolver is hooked (daxian-dbw's caveat, model-codebases.md 3.9).
            string[] references = typeof(OciAsyncCmdlet).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
            Assert.DoesNotContain("Newtonsoft.Json", references);
            Assert.DoesNotContain("ICSharpCode.SharpZipLib", references);
            Assert.DoesNotContain("YamlDotNet", references);
        }

        private static string Psd1Value(string psd1, string key) =>
            Regex.Match(psd1, @"(?m)^\s*" + key + @"\s*=\s*'([^']*)'").Groups[1].Value;

        private static string[] Psd1List(string psd1, string key)
        {
            Match list = Regex.Match(psd1, @"(?m)^\s*" + key + @"\s*=\s*@\(([^)]*)\)");
            Assert.True(list.Success, key + " not found in OciMirror.psd1");
            return Regex.Matches(list.Groups[1].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToArray();
        }
    }
}
