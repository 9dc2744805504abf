// tokio::try_join!: a check that fails at 5 ms ends the whole try_join! with its Err at once; the
// read still pending is dropped there, its disk request abandoned.
async fn load(path: &str) -> Result<usize, String> {
    let text = async_read_file(path).await;
    Ok(text.len())
}

async fn check(ms: u64) -> Result<u32, String> {
    sleep(Duration::from_millis(ms)).await;
    Err(format!("failed after {}ms", ms))
}

async fn quick() -> Result<u32, String> {
    Ok(7)
}

async fn main() {
    match tokio::try_join!(load("foo.txt"), check(5)) {
        Ok((n, v)) => println!("ok {} {}", n, v),
        Err(e) => println!("error: {}", e),
    }
    let both = futures::try_join!(quick(), async { Ok::<u32, String>(8) });
    println!("{:?}", both);
}
