// `?` on an `Option` in a function returning `Option`, and on a `Result` in one returning `Result`.
fn half(x: u32) -> Option<u32> {
    if x % 2 == 0 { Some(x / 2) } else { None }
}

fn quarter(x: u32) -> Option<u32> {
    let h = half(x)?;
    half(h)
}

fn parse(x: u32) -> Result<u32, String> {
    if x > 0 { Ok(x) } else { Err(String::from("zero")) }
}

fn add_one(x: u32) -> Result<u32, String> {
    let v = parse(x)?;
    Ok(v + 1)
}

fn main() {
    println!("{:?} {:?} {:?}", quarter(8), quarter(6), quarter(3));
    println!("{:?} {:?}", add_one(1), add_one(0));
}
