fn name() -> String {
    return 42;
}

async fn main() {
    println!("{}", name());
}
