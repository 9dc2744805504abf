// A variant the enum does not have is rustc's E0599, at the variant's name.
#[derive(Debug)]
enum Light {
    Red,
    Green,
}

fn main() {
    let l = Light::Yellow;
    println!("{:?}", l);
}
