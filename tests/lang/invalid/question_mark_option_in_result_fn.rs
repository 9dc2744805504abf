// `?` on an `Option` in a function that returns `Result`: E0277 (write `.ok_or(..)?`).
fn half(x: u32) -> Option<u32> {
    if x % 2 == 0 { Some(x / 2) } else { None }
}

fn run(x: u32) -> Result<u32, String> {
    let h = half(x)?;
    Ok(h)
}

fn main() {
    println!("{:?}", run(4));
}
