using System.Linq;
using System.Management.Automation;
using System.Reflection;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Common;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    /// <summary>
    /// -SplitSize of Export-OciArtifact, by its metadata (PowerShellStandard.Library is a reference assembly:
    /// attributes cannot run here; the size parsing itself is Core's SplitSize, tested in Core).
    /// </summary>
    public class SplitSizeParameterTests
    {
        [Fact]
        public void SplitSize_is_an_optional_Int64_transformed_from_size_strings_and_at_least_1_KiB()
        {
            PropertyInfo property = typeof(ExportOciArtifactCommand).GetProperty(nameof(ExportOciArtifactCommand.SplitSize))!;
            var attributes = property.GetCustomAttributesData();

            Assert.Equal(typeof(long?), property.PropertyType);
            Assert.Contains(attributes, a => a.AttributeType == typeof(SplitSizeTransformationAttribute));
            CustomAttributeData range = attributes.Single(a => a.AttributeType == typeof(ValidateRangeAttribute));
            Assert.Equal(new object[] { 1024L, long.MaxValue }, range.ConstructorArguments.Select(a => a.Value));
            CustomAttributeData parameter = attributes.Single(a => a.AttributeType == typeof(ParameterAttribute));
            Assert.DoesNotContain(parameter.NamedArguments, n => n.MemberName == "Mandatory" && (bool)n.TypedValue.Value!);
            Assert.True(typeof(ArgumentTransformationAttribute).IsAssignableFrom(typeof(SplitSizeTransformationAttribute)));
        }
    }
}
