fn run() -> Result<u32, Error> {
    let n: u32 = 7;
    let m = n?;
    Ok(m)
}

async fn main() {
    println!("{}", run().is_ok());
}
