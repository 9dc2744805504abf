// A `use` of a crate that is neither std nor one the built-ins stand in for.
use std::collections::VecDeque;
use rand::Rng;

async fn main() {
    println!("hi");
}
