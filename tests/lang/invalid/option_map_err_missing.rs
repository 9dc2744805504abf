// `map_err` is a method of `Result`, not of `Option`: rustc's E0599.
fn main() {
    let slot: Option<u32> = Some(1);
    let r = slot.map_err(|e| e);
    println!("{:?}", r);
}
