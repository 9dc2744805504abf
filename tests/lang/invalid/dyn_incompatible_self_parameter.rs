// A method that names `Self` in a parameter keeps a trait from being a trait object (its vtable
// could not give `other` a type); in a signature rustc marks the whole `dyn Shape`.
trait Shape {
    fn area(&self) -> u32;
    fn same_as(&self, other: &Self) -> bool;
}

fn total(shapes: &Vec<Box<dyn Shape>>) -> u32 {
    let mut sum = 0;
    for s in shapes {
        sum += s.area();
    }
    sum
}

async fn main() {
    let shapes: Vec<Box<dyn Shape>> = Vec::new();
    println!("{}", total(&shapes));
}
