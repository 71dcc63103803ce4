namespace OciMirror.Cli
{
    internal static class Program
    {
        // CONTRACT SHELL: replaced by the System.CommandLine front end.
        private static int Main(string[] args) => 2;
    }
}
