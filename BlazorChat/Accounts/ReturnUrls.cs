namespace BlazorChat.Accounts;

/// <summary>Where a sign-in may send the browser afterwards: a path of this site, never another site (an open redirect).</summary>
public static class ReturnUrls
{
    /// <summary>
    /// <paramref name="url"/> when it is a local path; else <c>/</c>. "//host" and "/\host" are
    /// other sites to a browser, and a control character can make one of them.
    /// </summary>
    public static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";
}
