Console.WriteLine("hlsswarm: placeholder");
return 0;
