fn parse(ok: bool) -> Result<u32, Error> {
    if ok { Ok(1) } else { Err(Error::new("no")) }
}

async fn main() {
    let n = parse(true)?;
    println!("{}", n);
}
