# Pester 5 tests: the module loads its third-party assemblies (SharpCompress and what its netstandard2.0
# build needs) from dependencies/ through its resolver, side by side with another module that already
# loaded, or loads later, a different SharpCompress or Microsoft.Bcl.AsyncInterfaces (DESIGN §3).
# Every case runs in a fresh pwsh process: a loaded assembly cannot be unloaded.
# The other SharpCompress (0.48.1) comes from the NuGet cache, where restoring tests/OciMirror.PowerShell.Tests
# puts it (PackageDownload). fixtures/one-image.tar.zst: skopeo copy oci:…  oci-archive:x.tar, then zstd -c.

BeforeAll {
    $script:manifestPath = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '../../out/OciMirror/OciMirror.psd1')).Path
    $script:fixture = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath 'fixtures/one-image.tar.zst')).Path
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path -Path $HOME -ChildPath '.nuget/packages' }
    $script:otherSharpCompress = Join-Path -Path $packages -ChildPath 'sharpcompress/0.48.1/lib/netstandard2.0/SharpCompress.dll'
    # This PowerShell again; when it runs as the dotnet global tool the process is dotnet itself, so take pwsh from PATH.
    $self = (Get-Process -Id $PID).Path
    $script:shell = if ((Split-Path -Path $self -Leaf) -like 'dotnet*') { (Get-Command -Name pwsh -CommandType Application | Select-Object -First 1).Source } else { $self }

    # Runs $Script in a new process of this PowerShell and returns its output lines (failing on a non-zero exit).
    function Invoke-Fresh([string] $Script) {
        $prelude = "`$ErrorActionPreference = 'Stop'; `$manifest = '$($script:manifestPath -replace "'", "''")'; `$fixture = '$($script:fixture -replace "'", "''")'; `$other = '$($script:otherSharpCompress -replace "'", "''")';"
        $output = & $script:shell -NoProfile -NonInteractive -Command ($prelude + $Script) 2>&1
        if ($LASTEXITCODE -ne 0) {
            throw "The child PowerShell failed (exit $LASTEXITCODE):`n$($output -join "`n")"
        }

        @($output | ForEach-Object { "$_" })
    }

    # The loaded copies of an assembly, as 'version load-context' lines.
    $script:listLoaded = '; [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq "SharpCompress" } | ForEach-Object { "loaded {0} {1}" -f $_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }'
}

Describe 'Third-party assemblies in dependencies/' -Tag 'Unit' {
    BeforeAll {
        if (-not (Test-Path -LiteralPath $script:otherSharpCompress)) {
            throw "SharpCompress 0.48.1 is not in the NuGet cache ($script:otherSharpCompress): run 'dotnet restore tests/OciMirror.PowerShell.Tests' first."
        }
    }

    It 'ships SharpCompress and its netstandard2.0 dependencies in dependencies/, not beside the module' {
        $dependencies = Join-Path -Path (Split-Path -Path $script:manifestPath) -ChildPath 'dependencies'
        foreach ($name in 'SharpCompress.dll', 'Microsoft.Bcl.AsyncInterfaces.dll', 'System.Text.Encoding.CodePages.dll') {
            Test-Path -LiteralPath (Join-Path -Path $dependencies -ChildPath $name) | Should -BeTrue -Because "$name must ship with the module"
            Test-Path -LiteralPath (Join-Path -Path (Split-Path -Path $script:manifestPath) -ChildPath $name) | Should -BeFalse -Because 'PowerShell would load it from there into the shared context'
        }
    }

    It 'reads a .tar.zst when another module loaded SharpCompress 0.48.1 first' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        $lines = Invoke-Fresh ('Add-Type -Path $other; Import-Module $manifest; $e = @(Get-OciBundle -Path $fixture); "entries $($e.Count) $($e[0].Reference)"; "valid $(Test-OciBundle -Path $fixture)"' + $script:listLoaded)

        $lines | Should -Contain 'entries 1 example.com/app:1'
        $lines | Should -Contain 'valid True'
        $lines | Should -Contain 'loaded 0.48.1.0 Default'
        $lines | Should -Contain 'loaded 0.50.9.0 OciMirror.Dependencies'
    }

    It 'keeps working when another module loads SharpCompress 0.48.1 after it' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        $lines = Invoke-Fresh ('Import-Module $manifest; $null = Get-OciBundle -Path $fixture; Add-Type -Path $other; "valid $(Test-OciBundle -Path $fixture)"; "other $([SharpCompress.Common.ArchiveType].Assembly.GetName().Version)"' + $script:listLoaded)

        $lines | Should -Contain 'valid True'
        $lines | Should -Contain 'other 0.48.1.0'
        $lines | Should -Contain 'loaded 0.50.9.0 OciMirror.Dependencies'
    }

    It 'reads a .tar.zst when another module loaded Microsoft.Bcl.AsyncInterfaces 8.0 into its own load context' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        # What a module with its own AssemblyLoadContext (PSResourceGet ships this 8.0.0.0 copy) does;
        # then a LoadFrom of the same file into the default context, which PowerShell's 10.0 copy wins.
        $bcl = Join-Path -Path $PSHOME -ChildPath 'Modules/Microsoft.PowerShell.PSResourceGet/dependencies/Microsoft.Bcl.AsyncInterfaces.dll'
        if (-not (Test-Path -LiteralPath $bcl)) {
            $bcl = Join-Path -Path (Split-Path -Path $script:manifestPath) -ChildPath 'dependencies/Microsoft.Bcl.AsyncInterfaces.dll'
        }

        $lines = Invoke-Fresh ("`$alc = [System.Runtime.Loader.AssemblyLoadContext]::new('OtherModule', `$false); `$null = `$alc.LoadFromAssemblyPath('$bcl'); `$null = [Reflection.Assembly]::LoadFrom('$bcl');" +
            ' Import-Module $manifest; "valid $(Test-OciBundle -Path $fixture)"; [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq "Microsoft.Bcl.AsyncInterfaces" } | ForEach-Object { "bcl {0} {1}" -f $_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }' + $script:listLoaded)

        $lines | Should -Contain 'valid True'
        $lines | Should -Contain 'bcl 8.0.0.0 OtherModule'
        $lines | Should -Contain 'loaded 0.50.9.0 OciMirror.Dependencies'
    }
}
