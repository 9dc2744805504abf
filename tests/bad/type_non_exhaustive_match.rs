async fn main() {
    let maybe: Option<u32> = Some(3);
    match maybe {
        Some(n) => println!("{}", n),
    }
}
