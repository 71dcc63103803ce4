using System;
using System.Management.Automation;
using OciMirror.Core.Volumes;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Lets -SplitSize take what a user types: a number (PowerShell's own 4095MB is already bytes) or a
    /// string with the K/M/G/T suffixes of the CLI's --split-size ('4095M', '4G'), parsed by Core's
    /// <see cref="SplitSize"/> so both front ends accept the same text.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SplitSizeTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Strings go through <see cref="SplitSize.TryParse"/>; anything else is left to PowerShell's conversion.</summary>
        /// <exception cref="ArgumentTransformationMetadataException">A string that is not a size.</exception>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (!(value is string text))
            {
                return inputData;
            }

            if (SplitSize.TryParse(text, out long bytes, out string? error))
            {
                return bytes;
            }

            throw new ArgumentTransformationMetadataException(error);
        }
    }
}
