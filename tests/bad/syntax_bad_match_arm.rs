async fn main() {
    let n = 3;
    match n {
        0 -> println!("zero"),
        _ => println!("other"),
    }
}
