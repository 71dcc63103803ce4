<#
.SYNOPSIS
    Builds, tests, documents and packages the OciMirror PowerShell module.

.DESCRIPTION
    Build   publishes src/OciMirror.PowerShell and stages the module in out/OciMirror:
            OciMirror.psd1, OciMirror.PowerShell.dll, OciMirror.Core.dll, OciMirror.Format.ps1xml,
            third-party assemblies in dependencies/ (loaded by the module's resolver), en-US help if built.
    Test    runs the xunit tests (dotnet test OciMirror.sln), then the Pester tests in tests/Pester against
            the staged module, each in a fresh child process (pwsh, and powershell.exe for 5.1 on
            Windows), because a loaded binary module cannot be unloaded. Skipped with a warning where
            Pester 5 or later is not installed.
    Docs    turns docs/en-US (platyPS markdown) into out/OciMirror/en-US/OciMirror.PowerShell.dll-Help.xml
            when platyPS is installed.
    Package zips out/OciMirror as out/OciMirror.zip with an OciMirror/ root folder, the shape Azure
            Automation expects (zip name = folder name = manifest name).

    Works in Windows PowerShell 5.1 and PowerShell 7.

.PARAMETER Task
    One or more of Build, Test, Docs, Package, run in the order given. Default: Build.

.PARAMETER Configuration
    The dotnet build configuration. Default: Release.

.EXAMPLE
    ./build.ps1

.EXAMPLE
    ./build.ps1 -Task Build, Docs, Test, Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'

$root = $PSScriptRoot
$outDir = Join-Path -Path $root -ChildPath 'out'
$moduleDir = Join-Path -Path $outDir -ChildPath 'OciMirror'
$onWindows = if ($PSVersionTable.PSEdition -eq 'Desktop') { $true } else { $IsWindows }

function Invoke-DotNet {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string[]] $ArgumentList)

    Write-Verbose -Message ('dotnet ' + ($ArgumentList -join ' '))
    & dotnet @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($ArgumentList[0]) failed with exit code $LASTEXITCODE."
    }
}

function Invoke-BuildTask {
    $publishDir = Join-Path -Path $outDir -ChildPath 'publish'
    foreach ($dir in $publishDir, $moduleDir) {
        if (Test-Path -LiteralPath $dir) {
            Remove-Item -LiteralPath $dir -Recurse -Force
        }
    }

    $project = Join-Path -Path $root -ChildPath 'src/OciMirror.PowerShell'
    Invoke-DotNet -ArgumentList 'publish', $project, '-c', $Configuration, '-o', $publishDir

    $dependencyDir = Join-Path -Path $moduleDir -ChildPath 'dependencies'
    New-Item -Path $dependencyDir -ItemType Directory -Force | Out-Null

    Copy-Item -LiteralPath (Join-Path -Path $root -ChildPath 'OciMirror.psd1') -Destination $moduleDir
    Copy-Item -LiteralPath (Join-Path -Path $project -ChildPath 'OciMirror.Format.ps1xml') -Destination $moduleDir
    foreach ($assembly in Get-ChildItem -LiteralPath $publishDir -Filter '*.dll') {
        if ($assembly.Name -like 'OciMirror.*.dll') {
            # Our own assemblies sit next to each other, where PowerShell finds them.
            Copy-Item -LiteralPath $assembly.FullName -Destination $moduleDir
        }
        elseif ($assembly.Name -ne 'System.Management.Automation.dll') {
            # Third-party assemblies (Newtonsoft.Json, ...) are loaded by the module's resolver.
            Copy-Item -LiteralPath $assembly.FullName -Destination $dependencyDir
        }
    }

    $helpFile = Join-Path -Path $outDir -ChildPath 'help/OciMirror.PowerShell.dll-Help.xml'
    if (Test-Path -LiteralPath $helpFile) {
        $helpDir = New-Item -Path (Join-Path -Path $moduleDir -ChildPath 'en-US') -ItemType Directory -Force
        Copy-Item -LiteralPath $helpFile -Destination $helpDir.FullName
    }

    Write-Host "Staged module in $moduleDir"
}

function Invoke-DocsTask {
    $platyPS = Get-Module -ListAvailable -Name platyPS | Sort-Object -Property Version -Descending | Select-Object -First 1
    if (-not $platyPS) {
        Write-Warning 'platyPS is not installed (Install-Module platyPS); no external help was generated.'
        return
    }

    Import-Module -ModuleInfo $platyPS
    # Kept under out/help so a later Build stages it again after cleaning out/OciMirror.
    $helpDir = Join-Path -Path $outDir -ChildPath 'help'
    New-ExternalHelp -Path (Join-Path -Path $root -ChildPath 'docs/en-US') -OutputPath $helpDir -Force | Out-Null
    if (Test-Path -LiteralPath $moduleDir) {
        $moduleHelpDir = New-Item -Path (Join-Path -Path $moduleDir -ChildPath 'en-US') -ItemType Directory -Force
        Copy-Item -Path (Join-Path -Path $helpDir -ChildPath '*.xml') -Destination $moduleHelpDir.FullName
    }

    Write-Host "External help written to $helpDir"
}

function Invoke-PesterInChild {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Shell)

    $testPath = (Join-Path -Path $root -ChildPath 'tests/Pester') -replace "'", "''"
    $resultPath = (Join-Path -Path $outDir -ChildPath "pester-$Shell.xml") -replace "'", "''"
    $command = @"
`$pester = Get-Module -ListAvailable -Name Pester | Where-Object { `$_.Version -ge [version]'5.0' } | Sort-Object -Property Version -Descending | Select-Object -First 1
if (-not `$pester) { Write-Warning 'Pester 5 or later is not installed; Pester tests skipped.'; exit 0 }
Import-Module -ModuleInfo `$pester
`$config = New-PesterConfiguration
`$config.Run.Path = '$testPath'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'JUnitXml'
`$config.TestResult.OutputPath = '$resultPath'
Invoke-Pester -Configuration `$config
"@

    Write-Host "Running Pester tests in $Shell"
    & $Shell -NoProfile -NonInteractive -Command $command
    if ($LASTEXITCODE -ne 0) {
        throw "Pester tests failed in $Shell (exit code $LASTEXITCODE)."
    }
}

function Invoke-TestTask {
    Invoke-DotNet -ArgumentList 'test', (Join-Path -Path $root -ChildPath 'OciMirror.sln'), '-c', $Configuration

    if (-not (Test-Path -LiteralPath (Join-Path -Path $moduleDir -ChildPath 'OciMirror.psd1'))) {
        Invoke-BuildTask
    }

    $shells = @('pwsh')
    if ($onWindows) {
        $shells += 'powershell'
    }

    foreach ($shell in $shells) {
        if (Get-Command -Name $shell -CommandType Application -ErrorAction SilentlyContinue) {
            Invoke-PesterInChild -Shell $shell
        }
        else {
            Write-Warning "$shell was not found; Pester tests not run there."
        }
    }
}

function Invoke-PackageTask {
    if (-not (Test-Path -LiteralPath (Join-Path -Path $moduleDir -ChildPath 'OciMirror.psd1'))) {
        Invoke-BuildTask
    }

    $zip = Join-Path -Path $outDir -ChildPath 'OciMirror.zip'
    if (Test-Path -LiteralPath $zip) {
        Remove-Item -LiteralPath $zip -Force
    }

    # Entries are written one by one with '/' separators under OciMirror/ (zip name = folder name =
    # manifest name, as Azure Automation requires). Neither ZipFile.CreateFromDirectory nor
    # Compress-Archive is used: in Windows PowerShell 5.1 both store '\' separators (powershell.exe runs
    # with the .NET Framework quirk Switch.System.IO.Compression.ZipFile.UseBackslash on), which Linux
    # and macOS tools extract as file names containing backslashes.
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        # CompressionLevel lives in System.IO.Compression, which 5.1 does not load on its own.
        Add-Type -AssemblyName System.IO.Compression
        Add-Type -AssemblyName System.IO.Compression.FileSystem
    }

    $base = (Get-Item -LiteralPath $moduleDir).FullName.TrimEnd('\', '/')
    $archive = [System.IO.Compression.ZipFile]::Open($zip, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        foreach ($file in Get-ChildItem -LiteralPath $base -Recurse -File) {
            $entryName = 'OciMirror/' + $file.FullName.Substring($base.Length + 1).Replace('\', '/')
            $entry = $archive.CreateEntry($entryName, [System.IO.Compression.CompressionLevel]::Optimal)
            $source = [System.IO.File]::OpenRead($file.FullName)
            try {
                $target = $entry.Open()
                try {
                    $source.CopyTo($target)
                }
                finally {
                    $target.Dispose()
                }
            }
            finally {
                $source.Dispose()
            }
        }
    }
    finally {
        $archive.Dispose()
    }

    Write-Host "Package written to $zip"
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Docs' { Invoke-DocsTask }
        'Package' { Invoke-PackageTask }
    }
}
