// Result<u64, Error> fits the u64 beside the Error's String: 24 bytes, like the String alone.
async fn parse(ok: bool) -> Result<u64, Error> {
    yield_now().await;
    if ok { Ok(42) } else { Err(Error::new("bad")) }
}

async fn main() {
    let r = parse(true).await;
    yield_now().await;
    match r {
        Ok(v) => println!("{}", v),
        Err(e) => println!("error {}", e),
    }
}
