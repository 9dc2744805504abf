// `?` in a function that returns `()`: rustc's E0277 at the `?`.
fn half(x: u32) -> Option<u32> {
    if x % 2 == 0 { Some(x / 2) } else { None }
}

fn main() {
    let h = half(4)?;
    println!("{}", h);
}
