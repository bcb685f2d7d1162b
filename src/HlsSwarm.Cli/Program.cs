using HlsSwarm.Cli;

return await HlsSwarmCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
